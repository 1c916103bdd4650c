import { IntentLink } from '@/components/intent-link';
import { getCategories } from '@/lib/content';
import { paths } from '@/lib/site';

type Props = {
  label: string;
  className?: string;
  listClassName: string;
  linkClassName: string;
};

/** The categories in navigation order (categories.json); header, footer and 404 page differ only in looks. */
export async function CategoryNav({ label, className, listClassName, linkClassName }: Props) {
  const categories = await getCategories();
  return (
    <nav aria-label={label} className={className}>
      <ul className={listClassName}>
        {categories.map((c) => (
          <li key={c.slug}>
            <IntentLink href={paths.category(c.slug)} className={linkClassName}>
              {c.name}
            </IntentLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
