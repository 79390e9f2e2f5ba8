from django import forms


class ProfileSignupForm(forms.Form):
    def signup(self, request, user) -> None:
        pass
