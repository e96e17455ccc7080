import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved selects the field at `path` (names of nested fields), through
 * inline fragments and fragment spreads. @skip and @include are not evaluated: a field they may
 * drop counts as selected.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const within = (set: SelectionSetNode | undefined, depth: number): boolean =>
    !!set &&
    set.selections.some((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return (
            selection.name.value === path[depth] &&
            (depth === path.length - 1 || within(selection.selectionSet, depth + 1))
          );
        case Kind.INLINE_FRAGMENT:
          return within(selection.selectionSet, depth);
        case Kind.FRAGMENT_SPREAD:
          return within(info.fragments[selection.name.value]?.selectionSet, depth);
      }
    });
  return info.fieldNodes.some((node) => within(node.selectionSet, 0));
}
