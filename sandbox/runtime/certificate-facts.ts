// The PKI's certificates as facts an expectation can name ({clientA.serial}…): read once per PKI.
import { readFile } from 'node:fs/promises';
import type { Pki } from '../../certs/types.js';
import type { CertificateFacts } from '../scenario.js';

/** The PEM certificate blocks of a file, each with its trailing newline, in file order (text between is dropped). */
export function pemCertificates(text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----\r?\n[\s\S]*?-----END CERTIFICATE-----/g)].map(
    (m) => `${m[0].replace(/\r\n/g, '\n')}\n`,
  );
}

const cache = new WeakMap<Pki, Promise<Record<string, CertificateFacts>>>();

export function certificateFacts(pki: Pki): Promise<Record<string, CertificateFacts>> {
  let facts = cache.get(pki);
  if (!facts) {
    facts = (async () => {
      const out: Record<string, CertificateFacts> = {};
      for (const [name, pair] of Object.entries(pki.clients)) {
        // A chain client's file holds the leaf first, then the CAs it presents (certs/recipes.ts, CHAINS).
        const blocks = pemCertificates(await readFile(pair.cert, 'utf8'));
        out[name] = {
          serial: pair.serial,
          subject: pair.subject,
          issuer: pair.issuer,
          notBefore: pair.notBefore,
          notAfter: pair.notAfter,
          pem: blocks[0] ?? '',
          chain: blocks.join(''),
        };
      }
      const server = pki.server;
      out.server = {
        serial: server.serial,
        subject: server.subject,
        issuer: pki.serverCa.subject,
        notBefore: server.notBefore,
        notAfter: server.notAfter,
        pem: await readFile(server.cert, 'utf8'),
        chain: await readFile(server.cert, 'utf8'),
      };
      return out;
    })();
    cache.set(pki, facts);
  }
  return facts;
}
