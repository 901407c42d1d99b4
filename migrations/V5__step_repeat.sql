-- Issue 6: a sweep may repeat each profile x workers cell; the repeat number (0-based) tells the repeats apart.
ALTER TABLE steps ADD COLUMN repeat integer NOT NULL DEFAULT 0 CHECK (repeat >= 0);
