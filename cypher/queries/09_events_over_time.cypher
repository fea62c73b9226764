// Events over time: PLOVER events per article date and type (articles need a date: JSONL "date").
// params: {}
MATCH (:Actor)-[r]->(:Actor)
WHERE r.event IS NOT NULL
RETURN coalesce(r.date, 'undated') AS date, r.event AS event, count(r) AS events
ORDER BY date, events DESC
