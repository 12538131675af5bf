-- 0023: a placeholder, so that 0024 follows without a gap on this branch.
-- Migration 0023 is another branch's (survey invites): at merge, delete
-- this file (both dialects) and keep that branch's 0023.
SELECT 1;
