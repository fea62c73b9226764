// graphkit schema: constraints and indexes, created before a load (idempotent: IF NOT EXISTS).
// Run in Neo4j Browser as is, or let `graphkit load` run it.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (d:Article) REQUIRE d.id IS UNIQUE;
CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country);
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
// One relationship type per PLOVER event or relation, and Neo4j indexes relationships per type:
// a uniqueness constraint on each type's assertion id (MERGE finds an assertion by an index seek and
// two loads can never write it twice), and an index on the article each assertion came from (forgetting
// or replacing an article, denials and requests joined within their article).
CREATE CONSTRAINT assertion_agree_id IF NOT EXISTS FOR ()-[r:AGREE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_consult_id IF NOT EXISTS FOR ()-[r:CONSULT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_support_id IF NOT EXISTS FOR ()-[r:SUPPORT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_concede_id IF NOT EXISTS FOR ()-[r:CONCEDE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_cooperate_id IF NOT EXISTS FOR ()-[r:COOPERATE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_aid_id IF NOT EXISTS FOR ()-[r:AID]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_retreat_id IF NOT EXISTS FOR ()-[r:RETREAT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_request_id IF NOT EXISTS FOR ()-[r:REQUEST]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_accuse_id IF NOT EXISTS FOR ()-[r:ACCUSE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_reject_id IF NOT EXISTS FOR ()-[r:REJECT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_threaten_id IF NOT EXISTS FOR ()-[r:THREATEN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_protest_id IF NOT EXISTS FOR ()-[r:PROTEST]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_sanction_id IF NOT EXISTS FOR ()-[r:SANCTION]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_mobilize_id IF NOT EXISTS FOR ()-[r:MOBILIZE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_coerce_id IF NOT EXISTS FOR ()-[r:COERCE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_assault_id IF NOT EXISTS FOR ()-[r:ASSAULT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_affiliated_with_id IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT assertion_related_to_id IF NOT EXISTS FOR ()-[r:RELATED_TO]-() REQUIRE r.id IS UNIQUE;
CREATE INDEX assertion_agree_article IF NOT EXISTS FOR ()-[r:AGREE]-() ON (r.article);
CREATE INDEX assertion_consult_article IF NOT EXISTS FOR ()-[r:CONSULT]-() ON (r.article);
CREATE INDEX assertion_support_article IF NOT EXISTS FOR ()-[r:SUPPORT]-() ON (r.article);
CREATE INDEX assertion_concede_article IF NOT EXISTS FOR ()-[r:CONCEDE]-() ON (r.article);
CREATE INDEX assertion_cooperate_article IF NOT EXISTS FOR ()-[r:COOPERATE]-() ON (r.article);
CREATE INDEX assertion_aid_article IF NOT EXISTS FOR ()-[r:AID]-() ON (r.article);
CREATE INDEX assertion_retreat_article IF NOT EXISTS FOR ()-[r:RETREAT]-() ON (r.article);
CREATE INDEX assertion_request_article IF NOT EXISTS FOR ()-[r:REQUEST]-() ON (r.article);
CREATE INDEX assertion_accuse_article IF NOT EXISTS FOR ()-[r:ACCUSE]-() ON (r.article);
CREATE INDEX assertion_reject_article IF NOT EXISTS FOR ()-[r:REJECT]-() ON (r.article);
CREATE INDEX assertion_threaten_article IF NOT EXISTS FOR ()-[r:THREATEN]-() ON (r.article);
CREATE INDEX assertion_protest_article IF NOT EXISTS FOR ()-[r:PROTEST]-() ON (r.article);
CREATE INDEX assertion_sanction_article IF NOT EXISTS FOR ()-[r:SANCTION]-() ON (r.article);
CREATE INDEX assertion_mobilize_article IF NOT EXISTS FOR ()-[r:MOBILIZE]-() ON (r.article);
CREATE INDEX assertion_coerce_article IF NOT EXISTS FOR ()-[r:COERCE]-() ON (r.article);
CREATE INDEX assertion_assault_article IF NOT EXISTS FOR ()-[r:ASSAULT]-() ON (r.article);
CREATE INDEX assertion_affiliated_with_article IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.article);
CREATE INDEX assertion_related_to_article IF NOT EXISTS FOR ()-[r:RELATED_TO]-() ON (r.article);
// New indexes fill in the background: wait until every one is online, so the first load's MERGEs seek.
CALL db.awaitIndexes(300);
