// Upsert actors of one type. __LABEL__ is filled by the loader from its closed vocabulary
// (Country, Person, Organization, IGO, NGO, Agent, Group): an actor's type follows from its id, so
// MERGE on both labels finds it again. $rows: [{id, props: {id, name, type, country, sector, role}}]
UNWIND $rows AS row
MERGE (a:Actor:__LABEL__ {id: row.id})
SET a += row.props
