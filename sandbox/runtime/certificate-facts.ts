// The PKI's certificates as facts an expectation can name ({clientA.serial}…): read once per PKI.
import { readFile } from 'node:fs/promises';
import type { Pki } from '../../certs/types.js';
import type { CertificateFacts } from '../scenario.js';

const cache = new WeakMap<Pki, Promise<Record<string, CertificateFacts>>>();

export function certificateFacts(pki: Pki): Promise<Record<string, CertificateFacts>> {
  let facts = cache.get(pki);
  if (!facts) {
    facts = (async () => {
      const out: Record<string, CertificateFacts> = {};
      for (const [name, pair] of Object.entries(pki.clients)) {
        const issuer = name === 'untrusted' ? pki.untrustedCa : pki.ca;
        out[name] = {
          serial: pair.serial,
          subject: pair.subject,
          issuer: issuer.subject,
          notBefore: pair.notBefore,
          notAfter: pair.notAfter,
          pem: await readFile(pair.cert, 'utf8'),
        };
      }
      const server = pki.server;
      out.server = {
        serial: server.serial,
        subject: server.subject,
        issuer: pki.ca.subject,
        notBefore: server.notBefore,
        notAfter: server.notAfter,
        pem: await readFile(server.cert, 'utf8'),
      };
      return out;
    })();
    cache.set(pki, facts);
  }
  return facts;
}
