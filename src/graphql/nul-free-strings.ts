import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import { InvalidInputError, type FieldProblem } from '../common/errors/app-error.js';

/** PostgreSQL's text cannot hold U+0000, so no string input may carry one. */
const NUL = '\0';
const MESSAGE = 'must not contain a NUL character';

/**
 * The field a path of input names stands for, as the other input errors name it: within an
 * argument or variable that is an input object, the path inside it; else its own name.
 */
function fieldOf(path: readonly string[]): string {
  return (path.length > 1 ? path.slice(1) : path).join('.');
}

/**
 * Every string in a request's variables, however deep in objects and lists, holding a NUL. A
 * walk without recursion: a 100 kB body can nest lists deeper than the call stack.
 */
export function nulProblemsOf(variables: Record<string, unknown> | null | undefined) {
  const problems: FieldProblem[] = [];
  const pending = Object.entries(variables ?? {}).map(([name, value]) => ({ value, path: [name] }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (value.includes(NUL)) problems.push({ field: fieldOf(path), message: MESSAGE });
    } else if (Array.isArray(value)) {
      for (const item of value as unknown[]) pending.push({ value: item, path });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value))
        pending.push({ value: item, path: [...path, key] });
    }
  }
  return problems;
}

/**
 * Refuses string literals holding a NUL anywhere in a document (arguments, input objects,
 * lists, variable defaults) as BAD_USER_INPUT naming the field.
 */
export function NulFreeStringsRule(context: ValidationContext): ASTVisitor {
  const path: string[] = [];
  // A visitor function's return value would edit the document: these return nothing.
  const enter = (name: string) => void path.push(name);
  const leave = () => void path.pop();
  return {
    Argument: { enter: (node) => enter(node.name.value), leave },
    ObjectField: { enter: (node) => enter(node.name.value), leave },
    VariableDefinition: { enter: (node) => enter(node.variable.name.value), leave },
    StringValue(node) {
      if (!node.value.includes(NUL)) return;
      const error = InvalidInputError.of(fieldOf(path), MESSAGE);
      context.reportError(new GraphQLError(error.message, { nodes: node, originalError: error }));
    },
  };
}
