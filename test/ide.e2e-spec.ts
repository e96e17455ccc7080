import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { createCommunity, createMember } from './helpers/factories.js';
import { startApi, type ApiProcess } from './helpers/processes.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const SCREENSHOT = fileURLToPath(new URL('./artifacts/ide.png', import.meta.url));
/** How long the page gets to load, introspect and answer; far more than it needs. */
const DEADLINE = 20_000;
/** Each hook and test of this file: Chromium's start and the app's come on top of the deadline. */
const TIMEOUT = 60_000;

interface OpenIde {
  page: Page;
  response: Response | null;
  /** Every URL the page fetched (documents, scripts, styles, XHR/fetch, websockets). */
  requests: string[];
  /** Console errors, failed requests and uncaught page errors. */
  errors: string[];
}

/** The page's localStorage, as far as the tests read it. */
interface BrowserStorage {
  getItem(key: string): string | null;
}

/** The CodeMirror 5 instance GraphiQL hangs on the editor's element. */
interface CodeMirrorElement {
  CodeMirror: { setValue(value: string): void; getValue(): string; operationName?: string };
}

/** The packages whose files the IDE serves. */
const IDE_PACKAGES = ['react', 'react-dom', 'graphiql'];

/**
 * Lays the built app out under `dir` as an install there would be: its package.json, dist/,
 * and a node_modules in which the IDE's packages are real folders below `dir` (every other
 * package links back to this checkout's), so the app finds the IDE's files under `dir`.
 */
async function installCopy(dir: string): Promise<void> {
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await cp('package.json', join(dir, 'package.json'));
  await cp('dist', join(dir, 'dist'), { recursive: true });
  for (const name of await readdir('node_modules')) {
    const source = join(process.cwd(), 'node_modules', name);
    const target = join(dir, 'node_modules', name);
    if (IDE_PACKAGES.includes(name)) await cp(source, target, { recursive: true });
    else await symlink(source, target);
  }
}

describe('GraphQL IDE (GET /graphql in a browser)', () => {
  /** The rows' side: the tests create what the IDE then shows through `api`. */
  let t: TestApp;
  /** The API installed under a folder whose name starts with a dot, as `~/.cache/…` is. */
  let api: ApiProcess;
  let installedAt: string;
  let browser: Browser;
  let ide: OpenIde;

  beforeAll(async () => {
    t = await startTestApp();
    installedAt = await mkdtemp(join(tmpdir(), 'fanrally-ide-'));
    const root = join(installedAt, '.cache', 'fanrally');
    await installCopy(root);
    api = await startApi(
      {
        DATABASE_URL: t.config.database.url,
        REDIS_URL: t.config.redis.url,
        QUEUE_PREFIX: t.config.redis.queuePrefix,
        JWT_SECRET: t.config.auth.jwtSecret,
        RUN_WORKERS: 'false',
        SEED_DEMO_DATA: 'false',
      },
      root,
    );
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
  }, TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await api?.signal('SIGTERM');
    await t?.close();
    if (installedAt) await rm(installedAt, { recursive: true, force: true });
  }, TIMEOUT);

  beforeEach(async () => {
    ide = await openIde();
  }, TIMEOUT);
  afterEach(async () => {
    await ide?.page.context().close();
  }, TIMEOUT);

  /** Opens the IDE in a fresh context, as a browser would, and waits until it is ready. */
  async function openIde(): Promise<OpenIde> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(DEADLINE);
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => requests.push(socket.url()));
    page.on('requestfailed', (request) =>
      errors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
    );
    page.on('console', (message) => {
      if (message.type() === 'error')
        errors.push(`console: ${message.text()} at ${message.location().url}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));

    // The schema's introspection is the IDE's last request on load.
    const introspection = page.waitForResponse(
      (r) =>
        r.url() === `${api.url}/graphql` &&
        r.request().method() === 'POST' &&
        (r.request().postData() ?? '').includes('__schema'),
    );
    const response = await page.goto(`${api.url}/graphql`, {
      waitUntil: 'load',
      timeout: DEADLINE,
    });
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor({ state: 'visible' });
    expect((await introspection).status()).toBe(200);
    return { page, response, requests, errors };
  }

  it(
    'serves the GraphiQL page and its assets from the app alone, with no errors',
    async () => {
      const { page, response, requests, errors } = ide;
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      expect(await page.title()).toBe('FanRally GraphQL IDE');

      expect(foreignRequests(requests, api.url)).toEqual([]);
      const paths = requests.map((u) => new URL(u).pathname);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/graphql',
          '/ide/react.js',
          '/ide/react-dom.js',
          '/ide/graphiql.js',
          '/ide/graphiql.css',
        ]),
      );

      await expect(page.locator('.graphiql-container').isVisible()).resolves.toBe(true);
      await expect(page.locator('.graphiql-execute-button').isVisible()).resolves.toBe(true);
      const query = await editorValue(page, '.graphiql-query-editor .CodeMirror');
      expect(query).toContain('query Communities');
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'runs a query entered in the editor and shows the data in the result pane',
    async () => {
      const { page, requests, errors } = ide;
      const owner = await createMember(t);
      const community = await createCommunity(t, owner);

      const query = `query Community {
  community(slug: ${JSON.stringify(community.slug)}) {
    slug
    name
    hashtag
    memberCount
  }
}
`;
      await typeQuery(page, query, 'Community');
      const answered = page.waitForResponse(
        (r) =>
          r.url() === `${api.url}/graphql` &&
          r.request().method() === 'POST' &&
          (r.request().postData() ?? '').includes(community.slug),
      );
      await page.locator('.graphiql-execute-button').click();
      expect((await answered).status()).toBe(200);

      const result = page.locator('.graphiql-response .result-window');
      await result.filter({ hasText: community.slug }).waitFor({ state: 'visible' });
      const shown = JSON.parse(await editorValue(page, '.graphiql-response .CodeMirror'));
      expect(shown).toEqual({
        data: {
          community: {
            slug: community.slug,
            name: community.name,
            hashtag: community.hashtag,
            memberCount: 1,
          },
        },
      });

      await mkdir(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      expect(foreignRequests(requests, api.url)).toEqual([]);
      expect(errors).toEqual([]);
    },
    TIMEOUT,
  );

  it('serves the four named files only, whatever else the path asks for', async () => {
    const asked = [
      'graphiql.min.js.map',
      'package.json',
      '..%2Fpackage.json',
      '..%2F..%2Fpackage.json',
      '%2Fetc%2Fpasswd',
      'constructor',
      '__proto__',
      'hasOwnProperty',
    ];
    const statuses = await Promise.all(
      asked.map(async (name) => (await fetch(`${api.url}/ide/${name}`)).status),
    );
    expect(statuses).toEqual(asked.map(() => 404));
    const served = await fetch(`${api.url}/ide/graphiql.css`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('keeps the headers typed in the IDE out of localStorage', async () => {
    const { page, errors } = ide;
    const member = await createMember(t);
    await setEditor(
      page,
      'section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) .CodeMirror',
      JSON.stringify({ Authorization: `Bearer ${member.token}` }),
    );
    await typeQuery(page, 'query Me { me { member { handle } } }', 'Me');
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('me {'),
    );
    await page.locator('.graphiql-execute-button').click();
    // The header was sent and worked: the answer is the member's own.
    expect(await (await answered).json()).toEqual({
      data: { me: { member: { handle: member.handle } } },
    });
    // GraphiQL stores its tabs and its history with the query it ran.
    const stored = await page.waitForFunction(
      () => {
        const { localStorage } = globalThis as unknown as { localStorage: BrowserStorage };
        const values = Object.keys(localStorage).map((key) => localStorage.getItem(key) ?? '');
        return values.some((value) => value.includes('"queries"')) ? values.join('\n') : null;
      },
      undefined,
      { timeout: DEADLINE },
    );
    const everything = await stored.jsonValue();
    expect(everything).toContain('me { member { handle } }');
    expect(everything).not.toContain(member.token);
    expect(errors).toEqual([]);
  });

  it('answers with the hardening headers, and a CSP that allows the page its own script', async () => {
    const html = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    const json = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const asset = await fetch(`${api.url}/ide/react.js`);
    for (const response of [html, json, asset]) {
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    const policy = html.headers.get('content-security-policy') ?? '';
    const inline = /<script>([\s\S]*?)<\/script>/.exec(await html.text())?.[1] ?? '';
    const hash = createHash('sha256').update(inline).digest('base64');
    expect(policy).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(policy).not.toContain('unsafe-eval');
  });

  it(
    "configures the fetcher's subscriptions on the app's own websocket endpoint",
    async () => {
      const response = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      const html = await response.text();
      const expression = /subscriptionUrl:\s*([^\n]+?),?\n/.exec(html)?.[1];
      expect(expression).toBeDefined();
      // Evaluated where the page evaluates it, so it names the origin the browser loaded.
      const subscriptionUrl = await ide.page.evaluate(expression!);
      expect(subscriptionUrl).toBe(`${api.url.replace(/^http/, 'ws')}/graphql`);
      expect(subscriptionUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect(ide.errors).toEqual([]);
    },
    TIMEOUT,
  );
});

/** Requests that left the app's origin; inline data: and blob: URLs never reach a network. */
function foreignRequests(requests: string[], appUrl: string): string[] {
  const origin = new URL(appUrl).origin;
  return requests
    .filter((u) => !/^(data|blob):/.test(u))
    .filter((u) => new URL(u.replace(/^ws/, 'http')).origin !== origin);
}

/** The text of a CodeMirror editor in the page. */
function editorValue(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .evaluate((element) => (element as unknown as CodeMirrorElement).CodeMirror.getValue());
}

describe('GraphQL IDE turned off (GRAPHQL_IDE=false)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ GRAPHQL_IDE: 'false' });
  });
  afterAll(() => t?.close());

  it('serves no IDE page and no IDE files, and a policy that loads nothing', async () => {
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/^text\/html/);
    expect(await page.text()).not.toContain('GraphiQL');
    expect((await fetch(`${t.url}/ide/graphiql.js`)).status).toBe(404);
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    await expect(t.gql('{ __typename }')).resolves.toMatchObject({
      data: { __typename: 'Query' },
    });
  });
});

/** Replaces the text of a CodeMirror editor in the page. */
async function setEditor(page: Page, selector: string, value: string): Promise<void> {
  await page
    .locator(selector)
    .evaluate(
      (element, text) => (element as unknown as CodeMirrorElement).CodeMirror.setValue(text),
      value,
    );
}

/** Types a document into the query editor, and waits until GraphiQL has read its operation. */
async function typeQuery(page: Page, query: string, operationName: string): Promise<void> {
  const selector = '.graphiql-query-editor .CodeMirror';
  await setEditor(page, selector, query);
  await expect(editorValue(page, selector)).resolves.toBe(query);
  // GraphiQL reads the operation name from the editor after a short debounce.
  const editor = await page.locator(selector).elementHandle();
  await page.waitForFunction(
    ([element, name]) =>
      (element as unknown as CodeMirrorElement).CodeMirror.operationName === name,
    [editor, operationName] as const,
    { timeout: DEADLINE },
  );
}
