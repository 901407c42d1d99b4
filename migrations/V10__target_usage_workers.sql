-- Issue 12: a step's target usage lists every app process with its role, its CPU seconds and share of the app's CPU
-- in the measured window, and requests only where the host counted them. Steps stored before kept only a request count
-- per process ("workerRequests"); they are rewritten to the new shape ("workers"), saying no more than they knew:
-- role worker (those hosts named no roles), cpuSeconds and cpuShare null (never measured per process), requests kept,
-- except that a step whose every process reported 0 while the step itself had requests ran a command profile, whose
-- counts were unknown and were written as 0: those become null. imbalance and capacityCores are null (not known then).
UPDATE steps
SET target_usage = (target_usage - 'workerRequests')
    || jsonb_build_object(
        'workers',
        COALESCE(
            (SELECT jsonb_agg(
                        jsonb_build_object(
                            'pid', w -> 'pid',
                            'role', 'worker',
                            'cpuSeconds', NULL,
                            'cpuShare', NULL,
                            'requests',
                            CASE
                                WHEN steps.requests > 0
                                    AND NOT EXISTS (
                                        SELECT 1
                                        FROM jsonb_array_elements(steps.target_usage -> 'workerRequests') AS o
                                        WHERE (o ->> 'requests')::bigint <> 0)
                                THEN NULL
                                ELSE w -> 'requests'
                            END)
                        ORDER BY (w ->> 'pid')::bigint)
             FROM jsonb_array_elements(steps.target_usage -> 'workerRequests') AS w),
            '[]'::jsonb),
        'imbalance', NULL,
        'capacityCores', NULL)
WHERE target_usage IS NOT NULL
  AND target_usage -> 'workerRequests' IS NOT NULL;
