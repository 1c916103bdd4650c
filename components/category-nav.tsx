import { IntentLink } from '@/components/intent-link';
import { getCategories } from '@/lib/content';
import { paths } from '@/lib/site';

type Props = {
  id?: string;
  label: string;
  className?: string;
  listClassName: string;
  linkClassName: string;
};

/** The categories in navigation order (categories.json); the header's and the search page's differ only in looks. */
export async function CategoryNav({ id, label, className, listClassName, linkClassName }: Props) {
  const categories = await getCategories();
  return (
    <nav id={id} aria-label={label} className={className}>
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
