import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** Arbitrary JSON (event data and metadata in the history). Output only in practice. */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A JSON value (object, array, string, number, boolean or null).',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: function parse(node: ValueNode): unknown {
    switch (node.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return node.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((field) => [field.name.value, parse(field.value)]));
      case Kind.LIST:
        return node.values.map(parse);
      default:
        return null;
    }
  },
});
