-- 0008: reserved for the registry branch that owns this number (the school
-- search was given 0009). A placeholder so this branch migrates without a gap;
-- the merge keeps the real 0008 and drops this file.
SELECT 1;
