-- unaccent() per row is expensive: tell the planner, so it searches through the trigram index
-- and sorts the matches instead of walking the name index and testing every product.
ALTER FUNCTION raktar_search_text(text) COST 1000;
