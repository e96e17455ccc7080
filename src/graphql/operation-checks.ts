import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, Kind, visit, type DocumentNode, type GraphQLSchema } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { InvalidInputError } from '../common/errors/app-error.js';
import { QueryTooComplexError } from '../common/errors/format-graphql-error.js';
import { nulProblemsOf } from './nul-free-strings.js';

/**
 * A field's cost, graphql-armor's model with the page sizes it could not read: 1 for a leaf;
 * for a field with a selection, 2 plus 1.5 times its selection's cost, times the page it asks
 * for (`first` or `last`, from a literal, a variable or the schema's default). Introspection
 * costs nothing.
 */
const fieldCost: ComplexityEstimator = ({ field, node, args, childComplexity }) => {
  if (field.name === '__schema') return 0;
  if (!node.selectionSet) return 1;
  const page: unknown = args.first ?? args.last;
  return (2 + 1.5 * childComplexity) * (typeof page === 'number' && page > 1 ? page : 1);
};

/** graphql-query-complexity's refusal of a document whose fragments expand past its node limit. */
const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

export interface Operation {
  document: DocumentNode;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** The arguments whose variables change a document's cost: page sizes, @skip and @include. */
const COST_ARGUMENTS = new Set(['first', 'last', 'if']);

function costReadsVariables(document: DocumentNode): boolean {
  let reads = false;
  visit(document, {
    Argument(node) {
      if (!COST_ARGUMENTS.has(node.name.value) || node.value.kind !== Kind.VARIABLE) return;
      reads = true;
      return BREAK;
    },
  });
  return reads;
}

/**
 * The costs of documents whose variables do not change them, per operation name. Apollo keeps
 * one parsed document per query text, so an operation sent again is weighed once, not on every
 * request; the others are weighed with each request's variables.
 */
const fixedCosts = new WeakMap<DocumentNode, Map<string, number> | null>();

/** The operation's cost, or null when its variables do not coerce (execution refuses them). */
function costOf(schema: GraphQLSchema, { document, variables, operationName }: Operation) {
  let fixed = fixedCosts.get(document);
  if (fixed === undefined) {
    fixed = costReadsVariables(document) ? null : new Map<string, number>();
    fixedCosts.set(document, fixed);
  }
  const known = fixed?.get(operationName ?? '');
  if (known !== undefined) return known;
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      variables: variables ?? undefined,
      operationName: operationName ?? undefined,
      estimators: [fieldCost],
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.message === TOO_MANY_NODES) return Infinity;
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  fixed?.set(operationName ?? '', cost);
  return cost;
}

/**
 * Checks an operation with its variable values, the same for HTTP and websockets: its cost
 * against `maxCost`, then no NUL in its variables' strings (NulFreeStringsRule checks the
 * document's own). Returns the refusal, or null to run it.
 */
export function checkOperation(
  schema: GraphQLSchema,
  maxCost: number,
  operation: Operation,
): Error | null {
  const cost = costOf(schema, operation);
  if (cost === Infinity) return new QueryTooComplexError(TOO_MANY_NODES);
  if (cost !== null && cost > maxCost) {
    return new QueryTooComplexError(
      `Query Cost limit of ${maxCost} exceeded, found ${Math.ceil(cost)}.`,
    );
  }
  const problems = nulProblemsOf(operation.variables);
  return problems.length ? new InvalidInputError(problems) : null;
}

/** checkOperation on every HTTP operation, once its document is resolved: a 400 answer. */
export function operationChecksPlugin(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ schema, document, request }) {
          const refusal = checkOperation(schema, maxCost, {
            document,
            variables: request.variables,
            operationName: request.operationName,
          });
          if (!refusal) return Promise.resolve();
          return Promise.reject(
            new GraphQLError(refusal.message, {
              originalError: refusal,
              extensions: { http: { status: 400 } },
            }),
          );
        },
      });
    },
  };
}
