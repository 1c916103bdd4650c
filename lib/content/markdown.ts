import 'server-only';
import type { Element, Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Raw HTML in an article body is untrusted: editors paste from anywhere. The
 * GitHub-style allow-list drops event handlers, `javascript:`/`data:` URLs and
 * unknown tags but keeps their text; `strip` also drops the *contents* of
 * elements whose text is code or markup rather than prose.
 */
const schema: SanitizeSchema = {
  ...defaultSchema,
  strip: ['script', 'style', 'iframe', 'noscript', 'template', 'object', 'embed', 'svg', 'math', 'textarea', 'select'],
  attributes: {
    ...defaultSchema.attributes,
    img: [...(defaultSchema.attributes?.img ?? []), 'loading', 'decoding'],
  },
};

/** The page's headline is the only h1; a `#` heading in a body becomes h2. */
function demoteH1() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'h1') node.tagName = 'h2';
    });
  };
}

/** Wide tables scroll inside their own box instead of widening a 360 px page. */
function wrapTables() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      const wrapper: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], tabIndex: 0, role: 'region', ariaLabel: 'جدول' },
        children: [node],
      };
      parent.children[index] = wrapper;
      return 'skip';
    });
  };
}

/**
 * remark-rehype and the sanitiser both prefix footnote ids with `user-content-`
 * (to keep them from clobbering page globals); in-page links follow the ids.
 */
function fixFragmentLinks() {
  return (tree: Root) => {
    const ids = new Set<string>();
    visit(tree, 'element', (node: Element) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    visit(tree, 'element', (node: Element) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      const target = href.slice(1);
      if (!ids.has(target) && ids.has(`user-content-${target}`)) node.properties.href = `#user-content-${target}`;
    });
  };
}

/** Body images are below the headline, so they never compete with the lead image. */
function lazyImages() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'img') {
        node.properties.loading = 'lazy';
        node.properties.decoding = 'async';
      }
    });
  };
}

/**
 * Markdown → sanitised HTML. `raw` parses HTML written in the Markdown (rehype-raw re-reads the
 * whole tree through an HTML parser); a body with no `<` has none, and its HTML is the same
 * without that pass, a third less work on an uncached article's render (docs/performance.md).
 */
function markdownProcessor({ raw }: { raw: boolean }) {
  const base = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, {
      allowDangerousHtml: true,
      clobberPrefix: '',
      footnoteLabel: 'الحواشي',
      footnoteBackLabel: (index: number) => `العودة إلى الإحالة ${index + 1}`,
    });
  return (raw ? base.use(rehypeRaw) : base)
    .use(rehypeSanitize, schema)
    .use(demoteH1)
    .use(wrapTables)
    .use(fixFragmentLinks)
    .use(lazyImages)
    .use(rehypeStringify);
}

const processors = { raw: markdownProcessor({ raw: true }), plain: markdownProcessor({ raw: false }) };

/** Whether the body may hold HTML (a tag, a comment or an autolink all start with `<`). */
function mayHoldHtml(markdown: string): boolean {
  return markdown.includes('<');
}

export function renderMarkdown(markdown: string): string {
  return String((mayHoldHtml(markdown) ? processors.raw : processors.plain).processSync(markdown));
}

/** The lite edition loads no images: each becomes its description, linked to the picture. */
function imagesAsLinks() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img' || !parent || index === undefined) return;
      const alt = typeof node.properties.alt === 'string' && node.properties.alt.trim() ? node.properties.alt : 'صورة';
      parent.children[index] = {
        type: 'element',
        tagName: 'a',
        properties: { href: node.properties.src, className: ['image-link'] },
        children: [{ type: 'text', value: `[صورة: ${alt}]` }],
      };
    });
  };
}

const liteProcessors = { raw: processors.raw().use(imagesAsLinks), plain: processors.plain().use(imagesAsLinks) };

export function renderMarkdownLite(markdown: string): string {
  return String((mayHoldHtml(markdown) ? liteProcessors.raw : liteProcessors.plain).processSync(markdown));
}

/** Plain text of a Markdown body, for reading time and search. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`|~-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
