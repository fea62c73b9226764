// graphkit schema: constraints and indexes, created before every load (idempotent: IF NOT EXISTS).
// Run in Neo4j Browser as is, or let `graphkit load` run it.
CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (d:Article) REQUIRE d.id IS UNIQUE;
CREATE INDEX actor_country IF NOT EXISTS FOR (a:Actor) ON (a.country);
CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name);
