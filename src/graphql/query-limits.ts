import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type GraphQLNamedType,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { Extensions } from '@nestjs/graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Page size assumed for a connection or list called without a literal `first` (use the maximum page size). */
  defaultPageSize: number;
}

interface Walk {
  fragments: Map<string, FragmentDefinitionNode>;
  /** What one `__schema` or `__type` costs: the number of named types it may describe. */
  introspectionCost: number;
  limits: QueryLimits;
  visiting: Set<string>;
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

/**
 * Rejects an operation that is too deep, uses too many aliases or would cost too much, during
 * validation, before any resolver runs. Cost: every field costs 1 times the page sizes of the
 * lists above it (`first` argument, or the default page size on connections).
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of context.getDocument().definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      const root = context.getSchema().getRootType(operation.operation);
      const measure = measureSelection(
        operation.selectionSet,
        root ?? undefined,
        { fragments, limits, visiting: new Set(), introspectionCost: Object.keys(context.getSchema().getTypeMap()).length },
        1,
        0,
      );
      const limit = (message: string, kind: string) =>
        context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { code: 'BAD_USER_INPUT', limit: kind } }));
      if (measure.depth > limits.maxDepth) limit(`Query depth ${measure.depth} exceeds the limit of ${limits.maxDepth}`, 'depth');
      if (measure.aliases > limits.maxAliases) limit(`The query uses ${measure.aliases} aliases, the limit is ${limits.maxAliases}`, 'aliases');
      if (measure.cost > limits.maxCost) limit(`Query cost ${measure.cost} exceeds the limit of ${limits.maxCost}`, 'cost');
    },
  });
}

function measureSelection(selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, walk: Walk, multiplier: number, depth: number): Measure {
  const total: Measure = { depth, aliases: 0, cost: 0 };
  const merge = (inner: Measure) => {
    total.depth = Math.max(total.depth, inner.depth);
    total.aliases += inner.aliases;
    total.cost += inner.cost;
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) total.aliases += 1;
      if (selection.name.value.startsWith('__')) {
        // Introspection counts in aliases and cost (300 aliased `__schema` would be 24 MB), but not in
        // depth: the standard introspection query is deeper than any data query needs to be and its
        // nesting is bounded by the schema's own type references.
        if (selection.name.value !== '__typename') total.cost += multiplier * (walk.introspectionCost + countFields(selection.selectionSet, walk));
        continue;
      }
      total.cost += multiplier;
      const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[selection.name.value] : undefined;
      if (selection.selectionSet) {
        const first = selection.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
        // A connection counts its page once: its `edges` list is that page, not another multiplier.
        const insideConnection = parent?.name.endsWith('Connection') ?? false;
        const returnsMany = field
          ? getNamedType(field.type).name.endsWith('Connection') || (isListType(getNullableType(field.type)) && !insideConnection)
          : false;
        const hinted = field?.extensions?.[LIST_SIZE_EXTENSION];
        const assumed = typeof hinted === 'number' ? hinted : walk.limits.defaultPageSize;
        const pageSize = first ? intValue(first.value, walk.limits.defaultPageSize) : returnsMany ? assumed : 1;
        const child = field ? getNamedType(field.type) : undefined;
        merge(measureSelection(selection.selectionSet, child, walk, multiplier * Math.max(pageSize, 1), depth + 1));
      } else {
        total.depth = Math.max(total.depth, depth + 1);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      merge(measureSelection(selection.selectionSet, parent, walk, multiplier, depth));
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || walk.visiting.has(name)) continue; // unknown or cyclic: other rules report it
      walk.visiting.add(name);
      merge(measureSelection(fragment.selectionSet, parent, walk, multiplier, depth));
      walk.visiting.delete(name);
    }
  }
  return total;
}

/** Fields selected under an introspection field, fragments expanded once. */
function countFields(selectionSet: SelectionSetNode | undefined, walk: Walk): number {
  if (!selectionSet) return 0;
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += 1 + countFields(selection.selectionSet, walk);
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += countFields(selection.selectionSet, walk);
    else {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment || walk.visiting.has(selection.name.value)) continue;
      walk.visiting.add(selection.name.value);
      count += countFields(fragment.selectionSet, walk);
      walk.visiting.delete(selection.name.value);
    }
  }
  return count;
}

const LIST_SIZE_EXTENSION = 'listSize';

/**
 * For a plain list field whose length the domain bounds well below the page size (a commitment's
 * territories, a convention's parties): the size the cost limit assumes for it.
 */
export const ListSize = (typical: number) => Extensions({ [LIST_SIZE_EXTENSION]: typical });

/** Variables are not known at validation time: a page size given by a variable counts as the assumed one. */
function intValue(node: ValueNode, fallback: number): number {
  if (node.kind === Kind.INT) return Number(node.value);
  return fallback;
}
