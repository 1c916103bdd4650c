/** A plain form: leaving preview must work without JavaScript too. */
export function ExitPreviewButton() {
  return (
    <form action="/api/draft/disable" method="post">
      <button type="submit" className="min-h-11 rounded bg-white px-4 font-bold text-ink hover:bg-stone-100">
        الخروج من المعاينة
      </button>
    </form>
  );
}
