// Chained roles as the options page shows them: one per line, `SOURCE → TARGET`, with an optional
// `ExternalId=…`. ARNs and external IDs hold no spaces, so a line splits on whitespace; `->` is
// read as the arrow for keyboards without one.

import type { ChainedRole } from '../../storage/settings';

const ARROWS = new Set(['→', '->']);
const EXTERNAL_ID = /^externalid=/i;

export function chainsToText(chains: readonly ChainedRole[]): string {
  return chains.map((chain) => `${chain.from} → ${chain.roleArn}${chain.externalId === undefined ? '' : ` ExternalId=${chain.externalId}`}`).join('\n');
}

export type ChainsParse = { readonly chains: ChainedRole[] } | { readonly problem: string };

/** The chains `text` names, or the first line that cannot be read and why. ARNs are checked by `checkSettings`. */
export function chainsFromText(text: string): ChainsParse {
  const chains: ChainedRole[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const words = line.trim().split(/\s+/).filter((word) => word !== '' && !ARROWS.has(word));
    if (words.length === 0) continue;
    const externalIds = words.filter((word) => EXTERNAL_ID.test(word));
    const arns = words.filter((word) => !EXTERNAL_ID.test(word));
    if (arns.length !== 2 || externalIds.length > 1) {
      return { problem: `line ${index + 1} should be the SAML role's ARN, then the role to assume with it (ARN), then optionally ExternalId=…` };
    }
    const externalId = externalIds[0]?.replace(EXTERNAL_ID, '');
    chains.push({ from: arns[0]!, roleArn: arns[1]!, ...(externalId === undefined ? {} : { externalId }) });
  }
  return { chains };
}
