/** Links a person can open, for the URLs in MCP answers: REST reads under the public base URL. */
export class Links {
  constructor(private readonly base: string) {}

  topic(slug: string): string {
    return this.rest('topics', slug);
  }

  entity(slug: string): string {
    return this.rest('entities', slug);
  }

  document(slug: string): string {
    return this.rest('documents', slug);
  }

  private rest(collection: string, slug: string): string {
    return `${this.base}/api/v1/${collection}/${encodeURIComponent(slug)}`;
  }
}

/** What one MCP server (one stdio client, or one HTTP request) answers with. */
export interface McpContext {
  /** Settles when the data is loaded: stdio answers the handshake at once, and its tools wait for this. */
  ready: Promise<unknown>;
  links: Links;
}
