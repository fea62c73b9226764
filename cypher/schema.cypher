// graphkit schema: constraints and indexes, created before every load (idempotent: IF NOT EXISTS).
// Run in Neo4j Browser as is, or let `graphkit load` run it.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (d:Article) REQUIRE d.id IS UNIQUE;
CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country);
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
// Relationship-id indexes, one per relationship type of graphkit's vocabulary: MERGE finds an
// assertion by its id without scanning a busy actor's relationships.
CREATE INDEX rel_agree_id IF NOT EXISTS FOR ()-[r:AGREE]-() ON (r.id);
CREATE INDEX rel_consult_id IF NOT EXISTS FOR ()-[r:CONSULT]-() ON (r.id);
CREATE INDEX rel_support_id IF NOT EXISTS FOR ()-[r:SUPPORT]-() ON (r.id);
CREATE INDEX rel_concede_id IF NOT EXISTS FOR ()-[r:CONCEDE]-() ON (r.id);
CREATE INDEX rel_cooperate_id IF NOT EXISTS FOR ()-[r:COOPERATE]-() ON (r.id);
CREATE INDEX rel_aid_id IF NOT EXISTS FOR ()-[r:AID]-() ON (r.id);
CREATE INDEX rel_retreat_id IF NOT EXISTS FOR ()-[r:RETREAT]-() ON (r.id);
CREATE INDEX rel_request_id IF NOT EXISTS FOR ()-[r:REQUEST]-() ON (r.id);
CREATE INDEX rel_accuse_id IF NOT EXISTS FOR ()-[r:ACCUSE]-() ON (r.id);
CREATE INDEX rel_reject_id IF NOT EXISTS FOR ()-[r:REJECT]-() ON (r.id);
CREATE INDEX rel_threaten_id IF NOT EXISTS FOR ()-[r:THREATEN]-() ON (r.id);
CREATE INDEX rel_protest_id IF NOT EXISTS FOR ()-[r:PROTEST]-() ON (r.id);
CREATE INDEX rel_sanction_id IF NOT EXISTS FOR ()-[r:SANCTION]-() ON (r.id);
CREATE INDEX rel_mobilize_id IF NOT EXISTS FOR ()-[r:MOBILIZE]-() ON (r.id);
CREATE INDEX rel_coerce_id IF NOT EXISTS FOR ()-[r:COERCE]-() ON (r.id);
CREATE INDEX rel_assault_id IF NOT EXISTS FOR ()-[r:ASSAULT]-() ON (r.id);
CREATE INDEX rel_affiliated_with_id IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.id);
CREATE INDEX rel_related_to_id IF NOT EXISTS FOR ()-[r:RELATED_TO]-() ON (r.id);
