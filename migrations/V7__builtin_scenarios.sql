-- Issue 6 point 2: the scenarios shipped with the product (gil-cpu, gil-mixed, smoke) are seeded into this table at
-- start. A version the coordinator seeded is marked built-in, so users can tell it from their own, and a coordinator
-- restarting seeds a new version only when the shipped document (or the configured target host) changed.
ALTER TABLE scenarios
    ADD COLUMN builtin boolean NOT NULL DEFAULT false;
