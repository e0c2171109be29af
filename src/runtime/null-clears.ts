/** Read by the validation pipe (app/validation.ts): an explicit null in these fields is kept, not dropped. */
/** Properties where an explicit null means something (clear the value): kept as null. */
export const NULL_MEANS = Symbol('scoran:nullMeans');

/** Marks an optional input field where `null` is meaningful (e.g. "null clears the e-mail"). */
export function NullClears(): PropertyDecorator {
  return (target, key) => {
    const marked = target as { [NULL_MEANS]?: Set<string | symbol> };
    const own = Object.hasOwn(target, NULL_MEANS) && marked[NULL_MEANS] ? marked[NULL_MEANS] : new Set(marked[NULL_MEANS] ?? []);
    own.add(key);
    Object.defineProperty(target, NULL_MEANS, { value: own, configurable: true });
  };
}
