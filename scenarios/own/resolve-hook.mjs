// Module resolution for a user's own scenario folders (scenarios/own/load.ts registers it with module.register).
// A folder outside the project has no node_modules: its files import the sandbox as `mtls-sandbox/scenario` and
// `mtls-sandbox/stack`, and aws-cdk-lib like any CDK app; both resolve to the project's own copies, so the Stack
// the sandbox hands to a user's stack function and the constructs the user makes come from one aws-cdk-lib.
// Plain JavaScript: hooks run on their own thread, before any TypeScript loader is there.

/** @type {{ root: string; entries: Record<string, string> }} */
let settings = { root: '', entries: {} };

export async function initialize(data) {
  settings = data;
}

const isBare = (specifier) => !/^(\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier) && !specifier.startsWith('#');

/** A file of the project (or of a package), as opposed to a user's folder. */
const insideProject = (url) => url.startsWith(settings.root) || url.includes('/node_modules/');

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'mtls-sandbox' || specifier.startsWith('mtls-sandbox/')) {
    const url = settings.entries[specifier];
    if (!url)
      throw new Error(
        `"${specifier}" is not part of the sandbox's public API; import from ${Object.keys(settings.entries).join(' or ')} (docs/authoring.md).`,
      );
    // Through the next hooks as any import of the file would go (tsx's, for the sources' TypeScript).
    return nextResolve(url, context);
  }
  const parent = context.parentURL ?? '';
  if (isBare(specifier) && parent.startsWith('file:') && !insideProject(parent)) {
    try {
      return await nextResolve(specifier, { ...context, parentURL: settings.root });
    } catch {
      // Not one of the project's packages: the user's folder may have its own node_modules.
    }
  }
  return nextResolve(specifier, context);
}
