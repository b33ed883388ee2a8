/**
 * The URL of a built asset, with the build's version in the path (`/assets/<version>/venner.css`):
 * the files under one version never change, so they are cached for a year. The version comes from
 * the function's `ASSET_VERSION` (set at deploy and by the local stack).
 */
export const assetUrl = (file: string): string => {
  const version = process.env.ASSET_VERSION;
  return version ? `/assets/${version}/${file}` : `/assets/${file}`;
};
