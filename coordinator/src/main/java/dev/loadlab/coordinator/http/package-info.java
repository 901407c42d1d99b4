/**
 * The REST API on Vert.x: the route table, thin handlers (parse, call a service, map the result) and the one failure
 * handler that answers every error as {@code application/problem+json}; beside it, the dashboard's static files
 * ({@link dev.loadlab.coordinator.http.DashboardRoutes}).
 */
package dev.loadlab.coordinator.http;
