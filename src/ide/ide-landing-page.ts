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
<script>
  const origin = window.location.origin;
  const fetcher = GraphiQL.createFetcher({
    url: origin + ${JSON.stringify(graphqlPath)},
    subscriptionUrl: origin.replace(/^http/, 'ws') + ${JSON.stringify(graphqlPath)},
  });
  ReactDOM.createRoot(document.getElementById('ide')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${JSON.stringify(EXAMPLE)},
      defaultEditorToolsVisibility: 'headers',
      shouldPersistHeaders: true,
    }),
  );
</script>
</body>
</html>`;
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
