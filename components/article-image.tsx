import { getImageProps } from 'next/image';

type Props = {
  src: string;
  alt: string;
  /** The `sizes` attribute: how wide the image is drawn at each breakpoint. */
  sizes: string;
  className?: string;
  /** The page's largest image above the fold: fetched first and never lazily. */
  priority?: boolean;
};

/**
 * An article illustration through next/image's optimiser (AVIF/WebP, the widths
 * in next.config.js), rendered on the server as a plain <img>. The <Image>
 * component is a client component: on every page with a picture it cost about
 * 5.5 KB of gzipped JavaScript for nothing a server-rendered <img> cannot do.
 * Pictures are shown in a 16:9 box (callers pass `aspect-video object-cover`),
 * and width/height give the same ratio, so the space is reserved before the
 * file arrives whatever the file's own size.
 */
export function ArticleImage({ src, alt, sizes, className, priority = false }: Props) {
  const { props } = getImageProps({
    src,
    alt,
    width: 1200,
    height: 675,
    sizes,
    className,
    loading: priority ? 'eager' : 'lazy',
    ...(priority ? { fetchPriority: 'high' as const } : {}),
  });
  // eslint-disable-next-line @next/next/no-img-element, jsx-a11y/alt-text -- getImageProps supplies src, srcSet and alt
  const img = <img {...props} />;
  if (!priority) return img;
  // React's server renderer turns every eager <img> of a server component into a preload hint in the
  // RSC payload, and the payload of each page the router prefetches would then download that page's
  // lead picture. Inside <picture> it does not; the preload scanner still finds the <img> in this
  // page's HTML at once, fetched first (fetchpriority=high). `contents`: the wrapper adds no box.
  return <picture className="contents">{img}</picture>;
}
