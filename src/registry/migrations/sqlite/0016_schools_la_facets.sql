-- 0016: a hub's schools page read from an index alone. Its one statement
-- (registry/hub_queries.c, SQL_SCHOOLS) reads, for each local authority
-- of the hub's area, its schools' urn, name, phase, type_group, type and
-- status: all of them in this index, so no school's row is looked up
-- (that look-up was a fifth of the page's time on SQLite). It begins with
-- la_code, so it serves everything schools_la served, which it replaces.
DROP INDEX schools_la;
CREATE INDEX schools_la_facets ON schools (la_code, phase, type_group, type, status, name, urn);
