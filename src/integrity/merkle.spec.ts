import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  inclusionProofs,
  leafHash,
  merkleRoot,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from './merkle.js';

// Certificate-Transparency reference leaves; the expected values below were computed independently
// (a direct Python transcription of RFC 6962 §2.1 with hashlib) and agree with the CT test vectors.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
  leafHash(Buffer.from(hex, 'hex')),
);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    3,
    7,
    [
      '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      '837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e',
    ],
  ],
  [0, 1, []],
];
const CONSISTENCY: [number, number, string[]][] = [
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [
    3,
    7,
    [
      '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
      '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      '837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e',
    ],
  ],
  [4, 4, []],
];
const hex = (hs: Hash[]) => hs.map(toHex);
const sha = (b: Buffer) => createHash('sha256').update(b).digest();

/** The recursive definition of RFC 6962 §2.1, kept naive on purpose. */
function naiveRoot(leaves: Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.concat([Buffer.from([1]), naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k))]));
}
const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

describe('RFC 6962 Merkle tree', () => {
  it('computes the reference roots for every prefix', async () => {
    for (let n = 0; n <= 8; n += 1) expect(toHex(await merkleRoot(LEAVES, n))).toBe(ROOTS[n]);
  });

  it('hashes the empty tree as SHA-256 of nothing and leaves with the 0x00 prefix', () => {
    expect(toHex(EMPTY_ROOT)).toBe(ROOTS[0]);
    expect(toHex(leafHash(Buffer.alloc(0)))).toBe(ROOTS[1]);
  });

  it.each(INCLUSION)('gives the reference audit path of leaf %i in a tree of %i', async (index, size, expected) => {
    const proof = await inclusionProof(LEAVES, index, size);
    expect(hex(proof.path)).toEqual(expected);
    expect(verifyInclusion(LEAVES[index], proof, { treeSize: size, root: Buffer.from(ROOTS[size], 'hex') })).toBe(true);
  });

  it.each(CONSISTENCY)('gives the reference consistency proof from %i to %i', async (first, second, expected) => {
    const proof = await consistencyProof(LEAVES, first, second);
    expect(hex(proof.path)).toEqual(expected);
    expect(
      verifyConsistency(proof, { treeSize: first, root: Buffer.from(ROOTS[first], 'hex') }, { treeSize: second, root: Buffer.from(ROOTS[second], 'hex') }),
    ).toBe(true);
  });

  it('refuses proofs outside the tree and trees longer than the log', async () => {
    await expect(inclusionProof(LEAVES, 8, 8)).rejects.toThrow(RangeError);
    await expect(consistencyProof(LEAVES, 0, 8)).rejects.toThrow(RangeError);
    await expect(consistencyProof(LEAVES, 5, 4)).rejects.toThrow(RangeError);
    await expect(merkleRoot(LEAVES, 9)).rejects.toThrow(/fewer than 9/);
  });

  it('streams: an async source, stopping at the tree size', async () => {
    async function* source() {
      for (const leaf of leavesOf(100)) yield leaf;
      throw new Error('read past the tree');
    }
    expect((await merkleRoot(source(), 100)).equals(naiveRoot(leavesOf(100)))).toBe(true);
  });

  it('property: roots equal the recursive definition; every inclusion proof verifies, and only for its leaf and root', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.nat(), async (size, seed) => {
        const leaves = leavesOf(size);
        const index = seed % size;
        const root = naiveRoot(leaves);
        const proof = await inclusionProof(leaves, index, size);
        expect(proof.root.equals(root)).toBe(true);
        expect(verifyInclusion(leaves[index], proof, { treeSize: size, root })).toBe(true);
        if (size > 1) expect(verifyInclusion(leaves[(index + 1) % size], proof, { treeSize: size, root })).toBe(false);
        expect(verifyInclusion(leaves[index], proof, { treeSize: size, root: naiveRoot(leaves.slice(0, size - 1)) })).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('property: every consistency proof verifies between the two prefix roots, never against other roots', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 300 }), async (a, b) => {
        const [first, second] = a <= b ? [a, b] : [b, a];
        const leaves = leavesOf(second);
        const proof = await consistencyProof(leaves, first, second);
        const firstRoot = naiveRoot(leaves.slice(0, first));
        const secondRoot = naiveRoot(leaves);
        const head = (treeSize: number, root: Hash) => ({ treeSize, root });
        expect(verifyConsistency(proof, head(first, firstRoot), head(second, secondRoot))).toBe(true);
        const otherLeaves = [...leaves];
        otherLeaves[first - 1] = leafHash(Buffer.from('rewritten'));
        expect(verifyConsistency(proof, head(first, naiveRoot(otherLeaves.slice(0, first))), head(second, secondRoot))).toBe(false);
        if (first < second) expect(verifyConsistency(proof, head(first, firstRoot), head(second, naiveRoot(otherLeaves)))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('batch inclusion proofs in one pass equal the single proofs', async () => {
    const leaves = leavesOf(1000);
    const indexes = [0, 1, 511, 512, 998, 999, 777];
    const { root, proofs } = await inclusionProofs(leaves, indexes, 1000);
    for (const [i, index] of indexes.entries()) {
      expect(hex(proofs[i].path)).toEqual(hex((await inclusionProof(leaves, index, 1000)).path));
      expect(verifyInclusion(leaves[index], proofs[i], { treeSize: 1000, root })).toBe(true);
    }
  });

  it('rejects a proof with any field altered', async () => {
    const leaves = leavesOf(37);
    const proof = await inclusionProof(leaves, 21, 37);
    const head = { treeSize: 37, root: proof.root };
    const root = head;
    const flip = (h: Hash) => Buffer.from(h.map((b, i) => (i === 5 ? b ^ 1 : b)));
    expect(verifyInclusion(leaves[21], { ...proof, leafIndex: 20 }, root)).toBe(false);
    expect(verifyInclusion(leaves[21], { ...proof, leafIndex: 22 }, root)).toBe(false);
    expect(verifyInclusion(leaves[21], { ...proof, treeSize: 36 }, root)).toBe(false);
    expect(verifyInclusion(leaves[21], { ...proof, treeSize: 38 }, root)).toBe(false);
    expect(verifyInclusion(leaves[21], { ...proof, path: proof.path.slice(1) }, root)).toBe(false);
    expect(verifyInclusion(leaves[21], { ...proof, path: [...proof.path, proof.path[0]] }, root)).toBe(false);
    for (let i = 0; i < proof.path.length; i += 1) {
      const path = proof.path.map((h, j) => (j === i ? flip(h) : h));
      expect(verifyInclusion(leaves[21], { ...proof, path }, root)).toBe(false);
    }
    expect(verifyInclusion(leaves[21], proof, { ...head, root: flip(head.root) })).toBe(false);
    expect(verifyInclusion(leaves[21], proof, { ...head, treeSize: 38 })).toBe(false);
    expect(verifyInclusion(flip(leaves[21]), proof, root)).toBe(false);

    const consistency = await consistencyProof(leaves, 13, 37);
    const firstRoot = { treeSize: 13, root: await merkleRoot(leaves, 13) };
    expect(verifyConsistency(consistency, firstRoot, root)).toBe(true);
    expect(verifyConsistency({ ...consistency, firstSize: 12 }, firstRoot, root)).toBe(false);
    expect(verifyConsistency({ ...consistency, firstSize: 14 }, firstRoot, root)).toBe(false);
    expect(verifyConsistency({ ...consistency, secondSize: 36 }, firstRoot, root)).toBe(false);
    expect(verifyConsistency({ ...consistency, secondSize: 38 }, firstRoot, root)).toBe(false);
    expect(verifyConsistency({ ...consistency, path: consistency.path.slice(0, -1) }, firstRoot, root)).toBe(false);
    for (let i = 0; i < consistency.path.length; i += 1) {
      const path = consistency.path.map((h, j) => (j === i ? flip(h) : h));
      expect(verifyConsistency({ ...consistency, path }, firstRoot, root)).toBe(false);
    }
    expect(verifyConsistency(consistency, { ...firstRoot, root: flip(firstRoot.root) }, root)).toBe(false);
    expect(verifyConsistency(consistency, firstRoot, { ...head, root: flip(head.root) })).toBe(false);
    expect(verifyConsistency(consistency, { ...firstRoot, treeSize: 12 }, root)).toBe(false);
  });

  it('handles a million leaves in one streamed pass', async () => {
    function* source() {
      const leaf = leafHash(Buffer.from('x'));
      for (let i = 0; i < 1_048_577; i += 1) yield leaf;
    }
    const proof = await inclusionProof(source(), 1_048_576, 1_048_577);
    expect(verifyInclusion(leafHash(Buffer.from('x')), proof, { treeSize: 1_048_577, root: proof.root })).toBe(true);
    expect(proof.path).toHaveLength(1);
  });
});
