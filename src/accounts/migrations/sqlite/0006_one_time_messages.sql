-- 0006: post/redirect/get. A session carries a one-time message (flash),
-- set by a form's write and shown once by the page it redirects to; and,
-- for the one display of new recovery codes, those codes sealed
-- (flash_codes, src/auth/sealed.c). A role is given to a person at most
-- once for the same hub, project or school: duplicates made before (a
-- refreshed form) are removed, the earliest kept.
ALTER TABLE sessions ADD COLUMN flash TEXT;
ALTER TABLE sessions ADD COLUMN flash_codes TEXT;
DELETE FROM role_grants WHERE id NOT IN (
  SELECT MIN(id) FROM role_grants
  GROUP BY person_id, role, COALESCE(hub_id, 0), COALESCE(project_id, 0), COALESCE(school_urn, ''));
CREATE UNIQUE INDEX role_grants_once ON role_grants
  (person_id, role, COALESCE(hub_id, 0), COALESCE(project_id, 0), COALESCE(school_urn, ''));
