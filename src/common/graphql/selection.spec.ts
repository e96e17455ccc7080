import { buildSchema, executeSync, parse, type GraphQLResolveInfo } from 'graphql';
import { selects } from './selection.js';

const schema = buildSchema(`
  type Participation { status: String }
  type Event { id: ID, viewerParticipation: Participation }
  type Edge { node: Event }
  type Connection { edges: [Edge] }
  type Query { events: Connection }
`);

/** What `selects(info, path)` answers in the resolver of Connection.edges for this document. */
function selectsUnderEdges(document: string, path: string[]): boolean {
  let answer: boolean | undefined;
  executeSync({
    schema,
    document: parse(document),
    rootValue: { events: {} },
    fieldResolver: (source: Record<string, unknown>, _args, _context, info: GraphQLResolveInfo) => {
      if (info.fieldName === 'edges') answer = selects(info, path);
      return source[info.fieldName];
    },
  });
  if (answer === undefined) throw new Error('edges was not resolved');
  return answer;
}

const path = ['node', 'viewerParticipation'];

describe('selects', () => {
  it('finds a field selected directly', () => {
    expect(
      selectsUnderEdges(
        '{ events { edges { node { id viewerParticipation { status } } } } }',
        path,
      ),
    ).toBe(true);
  });

  it('answers false where the field is not selected, or is selected elsewhere', () => {
    expect(selectsUnderEdges('{ events { edges { node { id } } } }', path)).toBe(false);
    expect(
      selectsUnderEdges('{ events { edges { viewerParticipation: node { id } } } }', path),
    ).toBe(false);
  });

  it('looks through inline fragments and fragment spreads', () => {
    expect(
      selectsUnderEdges(
        '{ events { edges { ... on Edge { node { ... on Event { viewerParticipation { status } } } } } } }',
        path,
      ),
    ).toBe(true);
    expect(
      selectsUnderEdges(
        `{ events { edges { ...edge } } }
         fragment edge on Edge { node { ...mine } }
         fragment mine on Event { viewerParticipation { status } }`,
        path,
      ),
    ).toBe(true);
  });

  it('counts a field under @skip or @include as selected', () => {
    expect(
      selectsUnderEdges(
        '{ events { edges { node { viewerParticipation @skip(if: true) { status } } } } }',
        path,
      ),
    ).toBe(true);
  });
});
