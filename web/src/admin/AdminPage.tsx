export default function AdminPage() {
  return (
    <section class="page">
      <h1>Administration</h1>
    </section>
  );
}
