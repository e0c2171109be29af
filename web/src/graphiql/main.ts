/**
 * GraphiQL, bundled from npm packages (production React build, no CDN) and served by the service at
 * GET /graphql. Subscriptions go over graphql-ws on the same path; the token goes in the Headers tab:
 * {"Authorization": "Bearer <token>"}.
 */
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const http = new URL('/graphql', window.location.href);
const ws = new URL(http);
ws.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';

const fetcher = createGraphiQLFetcher({ url: http.href, subscriptionUrl: ws.href });

const defaultQuery = `# SCORAN Ledger: the region's conventions (no token needed for public reads).
# Mutations need a token: npm run token -- --actor sgar-52 --role admin,
# then in Headers: {"Authorization": "Bearer <token>"}
query RegionConventions {
  conventions(filter: { territory: { kind: REGION, code: "52" } }, first: 5) {
    edges { node { id title status parties { actorId } } }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true, shouldPersistHeaders: true }),
);
