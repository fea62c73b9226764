// Actors a person speaks for: each person's country or organisation and role, and how many
// assertions the articles attribute to them. The attributions are counted in one pass over the
// assertions and joined to the people by id (not searched again for every person).
// params: {}
CALL () {
  MATCH (p:Person)-[f:AFFILIATED_WITH]->(c:Actor)
  RETURN p.id AS id, f.role AS role, c.id AS speaks_for, 0 AS attributed
  UNION
  MATCH ()-[r]->()
  WHERE r.attributed_to IS NOT NULL
  WITH r.attributed_to AS id, count(*) AS attributed
  MATCH (p:Actor {id: id})-[f:AFFILIATED_WITH]->(c:Actor)
  WHERE p:Person
  RETURN DISTINCT id, f.role AS role, c.id AS speaks_for, attributed
}
WITH id, role, speaks_for, sum(attributed) AS attributed_statements
MATCH (p:Actor {id: id}), (c:Actor {id: speaks_for})
RETURN p.name AS person, role, c.name AS speaks_for, attributed_statements
ORDER BY attributed_statements DESC, person, speaks_for
