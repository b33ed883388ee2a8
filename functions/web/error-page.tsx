import { Layout } from './layout.tsx';

export const ErrorPage = ({ statusCode, message }: { statusCode: number; message: string }) => (
  <Layout title={statusCode === 404 ? 'Siden findes ikke' : 'Der opstod en fejl'}>
    <h1>{statusCode === 404 ? 'Siden findes ikke' : 'Der opstod en fejl'}</h1>
    <p class="font-lead">{message}</p>
    <p>
      <a href="/">Gå til forsiden</a>
    </p>
  </Layout>
);
