import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { IDE_ASSETS_PATH } from './ide-assets.js';

const EXAMPLE = `# Welcome to FanRally. Sign up or log in for a token, then add the header
#   { "Authorization": "Bearer <token>" }
# in the Headers tab below to act as that member.
query Communities {
  communities(first: 5) {
    totalCount
    edges { node { slug name hashtag memberCount } }
  }
}
`;

/**
 * The page's own script. Headers (a token, typically) stay in the tab unless GraphiQL's
 * settings are told to persist them. Its history would store each run's headers in
 * localStorage all the same, so its storage drops them from the history and favourites then.
 */
function startScript(graphqlPath: string): string {
  return `
  const persistsHeaders = () => localStorage.getItem('graphiql:shouldPersistHeaders') === 'true';
  const withoutHeaders = (value) =>
    JSON.stringify(JSON.parse(value), (key, item) => (key === 'headers' ? undefined : item));
  const ownKeys = () => Object.keys(localStorage).filter((key) => key.startsWith('graphiql:'));
  const storage = {
    getItem: (key) => localStorage.getItem(key),
    setItem: (key, value) =>
      localStorage.setItem(
        key,
        /^graphiql:(queries|favorites)$/.test(key) && !persistsHeaders()
          ? withoutHeaders(value)
          : value,
      ),
    removeItem: (key) => localStorage.removeItem(key),
    get length() {
      return ownKeys().length;
    },
    clear: () => ownKeys().forEach((key) => localStorage.removeItem(key)),
  };
  const origin = window.location.origin;
  const fetcher = GraphiQL.createFetcher({
    url: origin + ${JSON.stringify(graphqlPath)},
    subscriptionUrl: origin.replace(/^http/, 'ws') + ${JSON.stringify(graphqlPath)},
  });
  ReactDOM.createRoot(document.getElementById('ide')).render(
    React.createElement(GraphiQL, {
      fetcher,
      storage,
      defaultQuery: ${JSON.stringify(EXAMPLE)},
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: false,
    }),
  );
`;
}

function page(graphqlPath: string): string {
  const asset = (name: string) => `${IDE_ASSETS_PATH}/${name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>FanRally GraphQL IDE</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('graphiql.css')}">
<style>html, body, #ide { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="ide"></div>
<script src="${asset('react.js')}"></script>
<script src="${asset('react-dom.js')}"></script>
<script src="${asset('graphiql.js')}"></script>
<script>${startScript(graphqlPath)}</script>
</body>
</html>`;
}

/**
 * The content security policy of every answer when the IDE is on: the page may run the app's
 * own scripts and its one inline script (by hash), talk to its own origin only (websockets
 * included), and be framed by no one. GraphiQL sets inline styles, hence 'unsafe-inline' for
 * styles alone.
 */
export function ideContentSecurityPolicy(graphqlPath: string): Record<string, string[]> {
  const inline = createHash('sha256').update(startScript(graphqlPath)).digest('base64');
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", `'sha256-${inline}'`],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}

/** Serves the GraphiQL page on GET /graphql, instead of Apollo's CDN-loaded landing page. */
export function ideLandingPage(graphqlPath: string): ApolloServerPlugin {
  const html = page(graphqlPath);
  return {
    serverWillStart() {
      return Promise.resolve({ renderLandingPage: () => Promise.resolve({ html }) });
    },
  };
}
