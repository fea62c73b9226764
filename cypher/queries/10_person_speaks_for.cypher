// Actors a person speaks for: each person's country or organisation and role, and how many
// assertions the articles attribute to them.
// params: {}
MATCH (p:Person)-[f:AFFILIATED_WITH]->(c:Actor)
OPTIONAL MATCH (:Actor)-[r]->(:Actor)
WHERE r.attributed_to = p.id
RETURN p.name AS person, f.role AS role, c.name AS speaks_for, count(r) AS attributed_statements
ORDER BY attributed_statements DESC, person
