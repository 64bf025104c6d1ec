import factory
from django.contrib.auth import get_user_model

from actions.models import Action, ActionLink
from strategies.models import Citation, Strategy
from swot.models import Factor, Study


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study

    slug = factory.Sequence(lambda n: f"study-{n}")
    title = factory.Sequence(lambda n: f"Study {n}")
    city = "Mashhad"
    subject = "City diplomacy"
    language = Study.Language.ENGLISH


class FactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Factor

    study = factory.SubFactory(StudyFactory)
    kind = Factor.Kind.STRENGTH
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence")


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    study = factory.SubFactory(StudyFactory)
    quadrant = Strategy.Quadrant.SO
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence")


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    strategy = factory.SubFactory(StrategyFactory)
    factor = factory.SubFactory(FactorFactory, study=factory.SelfAttribute("..strategy.study"))


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    study = factory.SubFactory(StudyFactory)
    text = factory.Faker("sentence")


class ActionLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionLink

    strategy = factory.SubFactory(StrategyFactory)
    action = factory.SubFactory(ActionFactory, study=factory.SelfAttribute("..strategy.study"))
    position = factory.Sequence(lambda n: n + 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw")
