// A small client of the PartnerPlatform API through the gateway, typed by the services' OpenAPI
// documents: `openapi-typescript` writes ./generated/{service}.ts from each document, and
// `tsc --noEmit` compiles this file against them (tests/Docs.Tests/TypedClientTests.cs). It signs
// in, lists a page and creates with an idempotency key, retrying what is safe to retry.
import type { components as IdentityComponents, paths as Identity } from './generated/identity-api';
import type { paths as Opportunities } from './generated/opportunities-api';
import type { paths as Coupons } from './generated/coupons-api';
import type { paths as Resellers } from './generated/resellers-api';
import type { paths as Incentives } from './generated/incentives-api';
import type { paths as SubscriptionFiles } from './generated/subscription-files-api';

type JsonBody<Operation> = Operation extends { requestBody: { content: { 'application/json': infer Body } } }
  ? Body
  : Operation extends { requestBody?: { content: { 'application/json': infer Body } } }
    ? Body
    : never;
type JsonAnswer<Operation, Status extends number> = Operation extends {
  responses: { [S in Status]: { content: { 'application/json': infer Answer } } };
}
  ? Answer
  : never;
type Query<Operation> = Operation extends { parameters: { query?: infer Parameters } } ? NonNullable<Parameters> : never;

/** Every 4xx and 5xx: RFC 9457 problem details with the platform's `error_code`. */
export type Problem = IdentityComponents['schemas']['Problem'];

export type LoginRequest = JsonBody<Identity['/v2/auth/login']['post']>;
export type Tokens = JsonAnswer<Identity['/v2/auth/login']['post'], 200>;
export type CustomerQuery = JsonBody<Identity['/v2/partners/sub-customers/query']['post']>;
export type CustomerPage = JsonAnswer<Identity['/v2/partners/sub-customers/query']['post'], 200>;
export type OpportunityQuery = Query<Opportunities['/v2/partners/opportunities']['get']>;
export type OpportunityPage = JsonAnswer<Opportunities['/v2/partners/opportunities']['get'], 200>;
export type OpportunityDraft = JsonBody<Opportunities['/v2/partners/opportunities']['post']>;
export type CreatedOpportunity = JsonAnswer<Opportunities['/v2/partners/opportunities']['post'], 201>;

/** The service documents this client is built against: every path of each is a key of these types. */
export type PlatformPaths = Identity & Opportunities & Coupons & Resellers & Incentives & SubscriptionFiles;

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
    readonly retryAfterSeconds: number | null,
  ) {
    super(`${status} ${problem.error_code}: ${problem.error_msg}`);
  }
}

export class PartnerPlatformClient {
  private accessToken: string | null = null;

  constructor(private readonly gateway: URL) {}

  async signIn(username: string, password: string): Promise<Tokens> {
    const request: LoginRequest = { username, password };
    const tokens = await this.send<Tokens>('POST', '/v2/auth/login', request);
    const token: string = tokens.access_token;
    this.accessToken = token;
    return tokens;
  }

  /** One page of the partner's customers: `total_count` and the `customers` array. */
  async queryCustomers(offset: number, limit: number): Promise<{ total: number; page: CustomerPage }> {
    const query: CustomerQuery = { offset, limit };
    const page = await this.send<CustomerPage>('POST', '/v2/partners/sub-customers/query', query);
    const total: number = page.total_count;
    return { total, page };
  }

  async listOpportunities(query: OpportunityQuery): Promise<OpportunityPage> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null) search.set(name, String(value));
    }
    return this.send<OpportunityPage>('GET', `/v2/partners/opportunities?${search}`);
  }

  /**
   * Creates a draft PO. The same idempotency key on every attempt: a retry after a lost answer,
   * a 429 or a 503 returns the first answer instead of creating a second PO.
   */
  async createOpportunity(draft: OpportunityDraft, idempotencyKey: string = crypto.randomUUID()): Promise<CreatedOpportunity> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send<CreatedOpportunity>('POST', '/v2/partners/opportunities', draft, { 'Idempotency-Key': idempotencyKey });
      } catch (error) {
        const retriable = error instanceof ApiProblem && (error.status === 429 || error.status === 503);
        if (!retriable || attempt === 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, (error.retryAfterSeconds ?? attempt) * 1000));
      }
    }
  }

  private async send<Answer>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(new URL(path, this.gateway), {
      method,
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(this.accessToken === null ? {} : { Authorization: `Bearer ${this.accessToken}` }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const retryAfter = response.headers.get('Retry-After');
      throw new ApiProblem(response.status, (await response.json()) as Problem, retryAfter === null ? null : Number(retryAfter));
    }
    return (await response.json()) as Answer;
  }
}

/** Signs in, lists and creates, as a frontend would on its first screen. */
export async function example(gateway: URL, username: string, password: string, draft: OpportunityDraft): Promise<string> {
  const client = new PartnerPlatformClient(gateway);
  await client.signIn(username, password);
  const customers = await client.queryCustomers(0, 10);
  const opportunities = await client.listOpportunities({ offset: 0, limit: 20 });
  const created = await client.createOpportunity(draft);
  return `${customers.total} customers, ${opportunities.total_count} opportunities, created ${created.id}`;
}
