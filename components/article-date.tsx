import { formatDate } from '@/lib/format';
import { site } from '@/lib/site';

/** A date as the site prints it everywhere: Gregorian, with the Hijri date beside it on request. */
export function ArticleDate({ value, withHijri = false, withTime = false }: { value: string; withHijri?: boolean; withTime?: boolean }) {
  const date = formatDate(value, site.timeZone);
  return (
    <time dateTime={date.iso}>
      {date.gregorian}
      {withTime ? ` ${date.time}` : null}
      {withHijri ? <span className="text-muted"> ({date.hijri})</span> : null}
    </time>
  );
}
