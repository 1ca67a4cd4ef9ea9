import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { type ISource, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { STATIC_ROOTS } from '../../adapters/web/static-roots';

/**
 * Lays the static files out as the site serves them (/assets/…, /stylesheets/…, /javascripts/…), from the same map
 * the local server uses, so the bucket and `npm start` can never disagree about a path.
 */
export function stageStaticAssets(outputDir: string): void {
  for (const { prefix, dir } of STATIC_ROOTS) {
    const target = join(outputDir, prefix);
    mkdirSync(prefix.endsWith('/') ? target : dirname(target), { recursive: true });
    cpSync(dir, target, { recursive: true });
  }
}

const OURS = fileURLToPath(new URL('../../adapters/web/static', import.meta.url));

/** The staged files as a deployment source, assembled on this machine (no Docker) and hashed by their content. */
export function staticAssetsSource(): ISource {
  return Source.asset(OURS, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
      local: {
        tryBundle(outputDir: string) {
          stageStaticAssets(outputDir);
          return true;
        },
      },
    },
  });
}
