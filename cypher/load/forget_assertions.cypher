// Remove what some articles asserted, one relationship type at a time (__TYPE__, filled by the loader
// from its closed vocabulary): a seek on the type's `article` index (the hint holds on an empty graph
// too), never a scan of the graph.
// $articles: article ids
// params: {"articles": ["a1"]}
UNWIND $articles AS article
MATCH ()-[r:__TYPE__ {article: article}]->()
USING INDEX r:__TYPE__(article)
DELETE r
