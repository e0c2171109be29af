import { createHash } from 'node:crypto';

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing over the global log.
 *
 * Leaf i of the tree of size N is the i-th event of the global log (0-based, in position order);
 * its leaf *data* is the 32 bytes of the event's hash-chain `hash` (which already covers the whole
 * canonical encoding of the event and its link to the previous event of its stream):
 *
 *   leafHash(e) = SHA-256(0x00 || bytes(e.hash))
 *   node(l, r)  = SHA-256(0x01 || l || r)
 *   MTH({})     = SHA-256("")
 *
 * Everything is streamed: roots and proofs are computed in one pass over the leaves with O(log N)
 * memory (plus the requested proof nodes), so trees of millions of leaves are fine.
 */

export type Hash = Buffer;

const LEAF_PREFIX = Buffer.from([0x00]);
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

export function leafHash(leafData: Uint8Array): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(leafData).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return createHash('sha256').update(input).digest();
}

/** The leaf hash of an event, from its hash-chain `hash` (64 hex characters). */
export function eventLeafHash(eventHashHex: string): Hash {
  if (!/^[0-9a-f]{64}$/.test(eventHashHex)) throw new TypeError('an event hash is 64 lowercase hex characters');
  return leafHash(Buffer.from(eventHashHex, 'hex'));
}

/**
 * The leaf of an event as stored, even when its stored hash is damaged (not 64 hex characters): then
 * the leaf is over the stored text, which no genuine leaf equals. Lets the service seal, export and
 * prove over a damaged log (verification reports the damaged event); never used by verifiers.
 */
export function storedEventLeafHash(storedHash: string): Hash {
  return /^[0-9a-f]{64}$/.test(storedHash) ? eventLeafHash(storedHash) : leafHash(Buffer.from(`damaged:${String(storedHash)}`, 'utf8'));
}

/** Largest power of two strictly smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A node of the tree as the leaf range [start, end) it covers. */
export interface NodeRange {
  start: number;
  end: number;
}
const keyOf = (start: number, end: number) => `${start}:${end}`;

/**
 * Streams leaf hashes in; keeps the stack of complete perfect subtrees (O(log N)).
 * Reports every node it completes to `onNode` when that node was requested.
 */
export class MerkleAccumulator {
  private readonly stack: { start: number; end: number; hash: Hash }[] = [];
  private count = 0;

  constructor(private readonly wanted?: { has(key: string): boolean; found: Map<string, Hash> }) {}

  get size(): number {
    return this.count;
  }

  /** An independent copy (the stack is O(log N)), to continue two ways from one prefix. */
  clone(): MerkleAccumulator {
    const copy = new MerkleAccumulator(this.wanted);
    copy.stack.push(...this.stack.map((entry) => ({ ...entry })));
    copy.count = this.count;
    return copy;
  }

  push(leaf: Hash): void {
    let entry = { start: this.count, end: this.count + 1, hash: leaf };
    this.count += 1;
    this.note(entry.start, entry.end, entry.hash);
    while (this.stack.length > 0) {
      const top = this.stack[this.stack.length - 1];
      if (top.end - top.start !== entry.end - entry.start) break;
      this.stack.pop();
      entry = { start: top.start, end: entry.end, hash: nodeHash(top.hash, entry.hash) };
      this.note(entry.start, entry.end, entry.hash);
    }
    this.stack.push(entry);
  }

  /** MTH of the leaves pushed so far (also reports the right-edge nodes). */
  root(): Hash {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i -= 1) {
      hash = nodeHash(this.stack[i].hash, hash);
      this.note(this.stack[i].start, this.count, hash);
    }
    return hash;
  }

  private note(start: number, end: number, hash: Hash): void {
    if (!this.wanted) return;
    const key = keyOf(start, end);
    if (this.wanted.has(key)) this.wanted.found.set(key, hash);
  }
}

/** RFC 6962 PATH(m, D[lo:hi]) as node ranges, leaf to root order. */
export function inclusionPathRanges(index: number, treeSize: number): NodeRange[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) {
    throw new RangeError(`leaf index ${index} is outside a tree of size ${treeSize}`);
  }
  const ranges: NodeRange[] = [];
  const walk = (lo: number, hi: number): void => {
    if (hi - lo === 1) return;
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      walk(lo, lo + k);
      ranges.push({ start: lo + k, end: hi });
    } else {
      walk(lo + k, hi);
      ranges.push({ start: lo, end: lo + k });
    }
  };
  walk(0, treeSize);
  return ranges;
}

/** RFC 6962 PROOF(m, D[n]) as node ranges. */
export function consistencyProofRanges(first: number, second: number): NodeRange[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) {
    throw new RangeError(`no consistency proof from size ${first} to size ${second}`);
  }
  const ranges: NodeRange[] = [];
  const sub = (m: number, lo: number, hi: number, complete: boolean): void => {
    const n = hi - lo;
    if (m === n) {
      if (!complete) ranges.push({ start: lo, end: hi });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, lo, lo + k, complete);
      ranges.push({ start: lo + k, end: hi });
    } else {
      sub(m - k, lo + k, hi, false);
      ranges.push({ start: lo, end: lo + k });
    }
  };
  if (first < second) sub(first, 0, second, true);
  return ranges;
}

export type LeafSource = Iterable<Hash> | AsyncIterable<Hash>;

export interface TreeNodes {
  treeSize: number;
  root: Hash;
  /** The requested nodes, in request order. */
  nodes: Hash[];
}

/**
 * One pass over the first `treeSize` leaves of `leaves`: the root of that tree and the hashes of
 * the requested nodes. Fails when the source holds fewer leaves.
 */
export async function computeTree(leaves: LeafSource, treeSize: number, requested: readonly NodeRange[] = []): Promise<TreeNodes> {
  const wanted = new Set(requested.map((r) => keyOf(r.start, r.end)));
  const found = new Map<string, Hash>();
  const accumulator = new MerkleAccumulator({ has: (key) => wanted.has(key), found });
  if (treeSize > 0) {
    for await (const leaf of leaves) {
      accumulator.push(leaf);
      if (accumulator.size === treeSize) break;
    }
  }
  if (accumulator.size < treeSize) throw new RangeError(`the log holds ${accumulator.size} leaves, fewer than ${treeSize}`);
  const root = accumulator.root();
  const nodes = requested.map((r) => {
    const hash = found.get(keyOf(r.start, r.end));
    if (!hash) throw new Error(`node [${r.start}, ${r.end}) was not computed`);
    return hash;
  });
  return { treeSize, root, nodes };
}

export async function merkleRoot(leaves: LeafSource, treeSize: number): Promise<Hash> {
  return (await computeTree(leaves, treeSize)).root;
}

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  /** Audit path, leaf to root. */
  path: Hash[];
}

export interface ConsistencyProof {
  firstSize: number;
  secondSize: number;
  path: Hash[];
}

export async function inclusionProof(leaves: LeafSource, leafIndex: number, treeSize: number): Promise<InclusionProof & { root: Hash }> {
  const { root, nodes } = await computeTree(leaves, treeSize, inclusionPathRanges(leafIndex, treeSize));
  return { leafIndex, treeSize, path: nodes, root };
}

/** Several inclusion proofs against one tree, still one pass over the leaves. */
export async function inclusionProofs(leaves: LeafSource, leafIndexes: readonly number[], treeSize: number): Promise<{ root: Hash; proofs: InclusionProof[] }> {
  const perLeaf = leafIndexes.map((index) => inclusionPathRanges(index, treeSize));
  const { root, nodes } = await computeTree(leaves, treeSize, perLeaf.flat());
  let offset = 0;
  const proofs = perLeaf.map((ranges, i) => {
    const path = nodes.slice(offset, offset + ranges.length);
    offset += ranges.length;
    return { leafIndex: leafIndexes[i], treeSize, path };
  });
  return { root, proofs };
}

export async function consistencyProof(leaves: LeafSource, firstSize: number, secondSize: number): Promise<ConsistencyProof & { root: Hash }> {
  const { root, nodes } = await computeTree(leaves, secondSize, consistencyProofRanges(firstSize, secondSize));
  return { firstSize, secondSize, path: nodes, root };
}

const isHash = (h: unknown): h is Buffer => Buffer.isBuffer(h) && h.length === 32;
const validSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** A signed-tree-head-like pair: the size of a tree and its root (what a seal records). */
export interface TreeHead {
  treeSize: number;
  root: Hash;
}

/**
 * RFC 9162 §2.1.3.2. `leaf` is the leaf hash (already prefixed with 0x00). The tree size is checked
 * against the head: the path alone does not fix it (several sizes share a path shape).
 */
export function verifyInclusion(leaf: Hash, proof: InclusionProof, head: TreeHead): boolean {
  const { leafIndex, treeSize, path } = proof;
  const root = head.root;
  if (treeSize !== head.treeSize) return false;
  if (!validSize(leafIndex) || !validSize(treeSize) || leafIndex >= treeSize) return false;
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(path) || !path.every(isHash)) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2. Sizes must satisfy 1 <= firstSize <= secondSize and match the heads. */
export function verifyConsistency(proof: ConsistencyProof, first: TreeHead, second: TreeHead): boolean {
  const { firstSize, secondSize, path } = proof;
  const firstRoot = first.root;
  const secondRoot = second.root;
  if (firstSize !== first.treeSize || secondSize !== second.treeSize) return false;
  if (!validSize(firstSize) || !validSize(secondSize) || firstSize < 1 || firstSize > secondSize) return false;
  if (!isHash(firstRoot) || !isHash(secondRoot) || !Array.isArray(path) || !path.every(isHash)) return false;
  if (firstSize === secondSize) return path.length === 0 && firstRoot.equals(secondRoot);
  if (path.length === 0) return false;
  const nodes = isPowerOfTwo(firstSize) ? [firstRoot, ...path] : [...path];
  let fn = firstSize - 1;
  let sn = secondSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = nodes[0];
  let sr = nodes[0];
  for (const c of nodes.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** Hex encoding used in GraphQL and exports. */
export const toHex = (hash: Hash): string => hash.toString('hex');
export function fromHex(hex: string): Hash {
  if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/.test(hex)) throw new TypeError('a hash is 64 lowercase hex characters');
  return Buffer.from(hex, 'hex');
}
