/** The place comments live on every article page; readers reach it through #comments. */
export function CommentsSection() {
  return (
    <section id="comments" aria-labelledby="comments-heading" className="my-10 scroll-mt-4 border-t border-stone-200 pt-8">
      <h2 id="comments-heading" className="mb-4 border-s-4 border-brand-600 ps-3 text-2xl font-bold">التعليقات</h2>
      <p className="text-muted">التعليقات غير متاحة بعد على هذا المقال.</p>
    </section>
  );
}
