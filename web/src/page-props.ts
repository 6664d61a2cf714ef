/** What the router gives every page: the path's parameters and the query. */
export interface PageProps {
  params: Record<string, string>;
  query: URLSearchParams;
}
