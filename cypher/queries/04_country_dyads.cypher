// Country-level dyads: people, agents and organisations rolled up to their country; how many
// events each ordered pair of countries has, and its mean cooperation (+10) .. conflict (-10) score.
// params: {}
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.event IS NOT NULL AND r.mode IS NULL
  AND s.country IS NOT NULL AND o.country IS NOT NULL AND s.country <> o.country
RETURN s.country AS source, o.country AS target, count(r) AS events,
       round(avg(r.score) * 100) / 100 AS cooperation_conflict
ORDER BY events DESC, source, target
