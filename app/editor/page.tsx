import { redirect } from 'next/navigation';

export default function EditorHome() {
  redirect('/editor/comments');
}
