import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * A file of an installed package: the package's folder, and the file's path inside it. They
 * stay apart so that only the inner path is checked for dot-segments when the file is sent,
 * and the package may be installed under any folder (`~/.cache/…` included).
 */
function packageFile(name: string, file: string): { root: string; file: string } {
  // Through package.json: the packages' exports hide the files themselves.
  return { root: dirname(require.resolve(`${name}/package.json`)), file };
}

/** The IDE's files, served by the app from node_modules so the IDE works with no internet. */
export const ideAssets = {
  'react.js': { ...packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': {
    ...packageFile('react-dom', 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphiql.js': { ...packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { ...packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
} as const;

export type IdeAsset = keyof typeof ideAssets;

export const IDE_ASSETS_PATH = '/ide';
