-- 0009: reserved for the registry branch that owns this number (the GIAS
-- import was given 0011). A placeholder so this branch migrates without a gap;
-- the merge keeps the real 0009 and drops this file.
SELECT 1;
