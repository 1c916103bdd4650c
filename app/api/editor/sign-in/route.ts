import { handleSignIn } from '@/lib/editor/sign-in';

export const POST = handleSignIn;
