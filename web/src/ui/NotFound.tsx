export function NotFound() {
  return (
    <section class="page">
      <h1>Page not found</h1>
      <p>There is nothing at this address. <a href="/">Go to your start page</a>.</p>
    </section>
  );
}
